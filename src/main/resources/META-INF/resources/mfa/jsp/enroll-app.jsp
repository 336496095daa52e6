<%@ include file="/mfa/jsp/directives.jspf" %>
<c:set var="title" value="${texts['enrollApp.title']}"/>
<c:set var="heading" value="${texts['enrollApp.heading']}"/>
<%@ include file="/mfa/jsp/head.jspf" %>
<form id="mfa" method="post" action="${fn:escapeXml(contextPath)}/mfa/enroll-app">
    <%@ include file="/mfa/jsp/form.jspf" %>
    <c:if test="${secretShown}">
        <ol class="mfa-steps">
            <li><c:out value="${texts['enrollApp.step1']}"/></li>
            <li><c:out value="${texts['enrollApp.step2']}"/></li>
        </ol>
        <figure class="mfa-qr">
            <img id="qr" src="${fn:escapeXml(qrCode)}" alt="${fn:escapeXml(texts['enrollApp.qrAlt'])}" width="246" height="246"/>
        </figure>
        <details class="mfa-manual">
            <summary><c:out value="${texts['enrollApp.manual']}"/></summary>
            <p><c:out value="${texts['enrollApp.manualHint']}"/></p>
            <code id="secret" class="mfa-secret"><c:out value="${secret}"/></code>
        </details>
    </c:if>
    <c:if test="${not secretShown}">
        <p class="mfa-lead"><c:out value="${texts['enrollApp.again']}"/></p>
    </c:if>
    <label for="mfa:code" class="mfa-label"><c:out value="${texts['enrollApp.step3']}"/></label>
    <input type="text" id="mfa:code" name="mfa:code" value="${fn:escapeXml(code)}" class="mfa-code" maxlength="7"
           autocomplete="one-time-code" inputmode="numeric" pattern="[0-9 ]*" required="required"
           autofocus="autofocus" aria-describedby="messages"/>
    <input type="submit" id="mfa:verify" name="mfa:verify" value="${fn:escapeXml(texts['action.verify'])}"
           class="mfa-button mfa-primary"/>
    <div class="mfa-secondary-actions">
        <a id="mfa:restart" class="mfa-link"
           href="${fn:escapeXml(contextPath)}/mfa/start?flow=${fn:escapeXml(flowId)}"><c:out
                value="${texts['action.another']}"/></a>
    </div>
</form>
<%@ include file="/mfa/jsp/foot.jspf" %>
