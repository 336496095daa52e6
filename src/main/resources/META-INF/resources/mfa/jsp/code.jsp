<%@ include file="/mfa/jsp/directives.jspf" %>
<c:set var="title" value="${texts['code.title']}"/>
<c:set var="heading" value="${texts['code.'.concat(factor).concat('.heading')]}"/>
<c:set var="withScript" value="${true}"/>
<%@ include file="/mfa/jsp/head.jspf" %>
<form id="mfa" method="post" action="${fn:escapeXml(contextPath)}/mfa/code">
    <%@ include file="/mfa/jsp/form.jspf" %>
    <p class="mfa-lead"><c:out value="${texts['code.'.concat(factor).concat('.lead')]}"/></p>
    <c:if test="${resent and empty messages}">
        <p class="mfa-notice" role="status"><c:out value="${texts['code.resent']}"/></p>
    </c:if>
    <label for="mfa:code" class="mfa-label"><c:out value="${texts['code.label']}"/></label>
    <input type="text" id="mfa:code" name="mfa:code" value="${fn:escapeXml(code)}" class="mfa-code" maxlength="7"
           autocomplete="one-time-code" inputmode="numeric" pattern="[0-9 ]*" required="required"
           autofocus="autofocus" aria-describedby="messages"/>
    <input type="submit" id="mfa:verify" name="mfa:verify" value="${fn:escapeXml(texts['action.verify'])}"
           class="mfa-button mfa-primary"/>
    <div class="mfa-secondary-actions">
        <c:if test="${resendOffered}">
            <input type="submit" id="mfa:resend" name="mfa:resend" value="${fn:escapeXml(resendLabel)}"
                   formnovalidate="formnovalidate" class="mfa-button mfa-link" data-wait="${resendWaitSeconds}"
                   data-ready-label="${fn:escapeXml(texts['code.resend'])}"<c:if
                    test="${resendWaitSeconds gt 0}"> disabled="disabled"</c:if>/>
        </c:if>
        <input type="submit" id="mfa:another" name="mfa:another" value="${fn:escapeXml(texts['action.another'])}"
               formnovalidate="formnovalidate" class="mfa-button mfa-link"/>
    </div>
</form>
<%@ include file="/mfa/jsp/foot.jspf" %>
