<%@ include file="/mfa/jsp/directives.jspf" %>
<c:set var="title" value="${texts['recovery.title']}"/>
<c:set var="heading" value="${title}"/>
<%@ include file="/mfa/jsp/head.jspf" %>
<form id="mfa" method="post" action="${fn:escapeXml(contextPath)}/mfa/recovery">
    <%@ include file="/mfa/jsp/form.jspf" %>
    <p class="mfa-lead"><c:out value="${texts['recovery.lead']}"/></p>
    <label for="mfa:code" class="mfa-label"><c:out value="${texts['recovery.label']}"/></label>
    <input type="text" id="mfa:code" name="mfa:code" value="${fn:escapeXml(code)}" class="mfa-input mfa-recovery-input"
           maxlength="64" autocomplete="off" autocapitalize="characters" spellcheck="false" required="required"
           autofocus="autofocus" aria-describedby="messages"/>
    <input type="submit" id="mfa:verify" name="mfa:verify" value="${fn:escapeXml(texts['action.verify'])}"
           class="mfa-button mfa-primary"/>
    <div class="mfa-secondary-actions">
        <input type="submit" id="mfa:another" name="mfa:another" value="${fn:escapeXml(texts['action.another'])}"
               formnovalidate="formnovalidate" class="mfa-button mfa-link"/>
    </div>
</form>
<%@ include file="/mfa/jsp/foot.jspf" %>
