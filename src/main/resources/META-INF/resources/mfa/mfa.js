/*
 * Progressive enhancement of the MFA pages; every page works without it.
 *  - push.xhtml: checks for the approval every data-poll-seconds (5 s, more after Auth0's slow_down) in the
 *    background, so that a QR code being scanned stays on screen; the page's own button does the same by hand.
 *  - the code page (code.xhtml, or /mfa/code): enables "send a new code" when its cooldown is over.
 */
(function () {
    'use strict';

    function pollPush(form) {
        var check = document.getElementById('mfa:check');
        var status = document.getElementById('poll-status');
        if (!check || !window.fetch || !window.DOMParser) {
            return;
        }
        var template = status ? status.getAttribute('data-template') : null;

        function schedule(seconds) {
            var left = seconds;
            function tick() {
                if (status && template) {
                    status.textContent = template.replace('{0}', String(left));
                }
                if (left <= 0) {
                    poll();
                    return;
                }
                left -= 1;
                window.setTimeout(tick, 1000);
            }
            tick();
        }

        function poll() {
            var body = new URLSearchParams(new FormData(form));
            body.append(check.name, check.value);
            window.fetch(form.action, {
                method: 'POST',
                body: body,
                credentials: 'same-origin',
                headers: {'Content-Type': 'application/x-www-form-urlencoded'}
            }).then(function (response) {
                if (response.redirected) {
                    window.location.assign(response.url);
                    return null;
                }
                return response.text().then(function (html) {
                    var page = new DOMParser().parseFromString(html, 'text/html');
                    var next = page.getElementById('mfa');
                    if (!next || !next.hasAttribute('data-poll-seconds')) {
                        // Not the waiting page any more (the new recovery code, shown only in this answer):
                        // show what the server answered.
                        document.open();
                        document.write(html);
                        document.close();
                        return;
                    }
                    var state = page.querySelector('input[name="jakarta.faces.ViewState"]');
                    var current = form.querySelector('input[name="jakarta.faces.ViewState"]');
                    if (state && current) {
                        current.value = state.value;
                    }
                    var messages = page.getElementById('messages');
                    var shown = document.getElementById('messages');
                    if (messages && shown && messages.innerHTML !== shown.innerHTML) {
                        shown.innerHTML = messages.innerHTML;
                    }
                    schedule(parseInt(next.getAttribute('data-poll-seconds'), 10) || 5);
                });
            }).catch(function () {
                schedule(10);
            });
        }

        schedule(parseInt(form.getAttribute('data-poll-seconds'), 10) || 5);
    }

    function enableResend() {
        var resend = document.getElementById('mfa:resend');
        if (!resend) {
            return;
        }
        var wait = parseInt(resend.getAttribute('data-wait'), 10) || 0;
        if (wait > 0) {
            window.setTimeout(function () {
                resend.disabled = false;
                resend.value = resend.getAttribute('data-ready-label') || resend.value;
            }, wait * 1000);
        }
    }

    document.addEventListener('DOMContentLoaded', function () {
        var form = document.getElementById('mfa');
        if (form && form.hasAttribute('data-poll-seconds')) {
            pollPush(form);
        }
        enableResend();
    });
}());
