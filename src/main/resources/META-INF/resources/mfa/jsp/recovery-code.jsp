<%@ include file="/mfa/jsp/directives.jspf" %>
<c:set var="title" value="${replacement ? texts['recoveryCode.title'] : texts['recoveryCode.titleFirst']}"/>
<c:set var="heading" value="${title}"/>
<%@ include file="/mfa/jsp/head.jspf" %>
<form id="mfa" method="post" action="${fn:escapeXml(contextPath)}/mfa/recovery-code">
    <%@ include file="/mfa/jsp/form.jspf" %>
    <input type="hidden" name="return" value="${fn:escapeXml(returnPath)}"/>
    <input type="hidden" name="repeat" value="${repeatAction}"/>
    <c:if test="${not empty recoveryCode}">
        <p class="mfa-lead"><c:out value="${replacement ? texts['recoveryCode.lead'] : texts['recoveryCode.leadFirst']}"/></p>
        <code id="recovery-code" class="mfa-secret mfa-recovery-code"><c:out value="${recoveryCode}"/></code>
        <p class="mfa-hint"><c:out value="${texts['recoveryCode.hint']}"/></p>
        <div class="mfa-check">
            <input type="checkbox" id="saved" name="saved" required="required" value="yes"/>
            <label for="saved"><c:out value="${texts['recoveryCode.saved']}"/></label>
        </div>
    </c:if>
    <c:if test="${empty recoveryCode}">
        <p class="mfa-lead"><c:out value="${texts['recoveryCode.gone']}"/></p>
    </c:if>
    <input type="submit" id="mfa:continue" name="mfa:continue" value="${fn:escapeXml(texts['action.continue'])}"
           class="mfa-button mfa-primary"/>
</form>
<%@ include file="/mfa/jsp/foot.jspf" %>
