// Calls /api/my-report and shows the JSON answer. When a second factor is needed the answer is
// 401 {"error":"mfa_required", "mfa_url": ...}: offer the link to the MFA pages.
(function () {
    'use strict';
    var button = document.getElementById('fetch-report');
    var status = document.getElementById('fetch-status');
    var result = document.getElementById('fetch-result');

    button.addEventListener('click', function () {
        status.textContent = 'Calling ' + button.dataset.url + ' ...';
        result.textContent = '';
        fetch(button.dataset.url, {headers: {'Accept': 'application/json'}, credentials: 'same-origin'})
            .then(function (response) {
                return response.json().then(function (body) {
                    return {status: response.status, body: body};
                });
            })
            .then(function (answer) {
                status.textContent = 'HTTP ' + answer.status;
                result.textContent = JSON.stringify(answer.body, null, 2);
                if (answer.status === 401 && answer.body.error === 'mfa_required' && answer.body.mfa_url) {
                    var link = document.createElement('a');
                    link.href = answer.body.mfa_url;
                    link.id = 'mfa-link';
                    link.textContent = 'Complete the second factor';
                    status.appendChild(document.createTextNode(': '));
                    status.appendChild(link);
                }
            })
            .catch(function (error) {
                status.textContent = 'The call failed: ' + error;
            });
    });
}());
