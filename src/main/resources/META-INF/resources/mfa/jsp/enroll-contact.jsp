<%@ include file="/mfa/jsp/directives.jspf" %>
<c:set var="title" value="${texts['enrollContact.'.concat(factor).concat('.title')]}"/>
<c:set var="heading" value="${title}"/>
<%@ include file="/mfa/jsp/head.jspf" %>
<form id="mfa" method="post" action="${fn:escapeXml(contextPath)}/mfa/enroll-contact">
    <%@ include file="/mfa/jsp/form.jspf" %>
    <input type="hidden" name="factor" value="${fn:escapeXml(factor)}"/>
    <p class="mfa-lead"><c:out value="${texts['enrollContact.'.concat(factor).concat('.lead')]}"/></p>
    <label for="mfa:contact" class="mfa-label"><c:out
            value="${phone ? texts['enrollContact.phoneLabel'] : texts['enrollContact.emailLabel']}"/></label>
    <input id="mfa:contact" name="mfa:contact" value="${fn:escapeXml(contact)}" class="mfa-input" maxlength="254"
           type="${fn:escapeXml(phone ? 'tel' : 'email')}" autocomplete="${fn:escapeXml(phone ? 'tel' : 'email')}"
           placeholder="${fn:escapeXml(phone ? '+4915123456789' : 'name@example.com')}"<c:if test="${phone}"> required="required"</c:if>
           autofocus="autofocus" aria-describedby="contact-hint messages"/>
    <p id="contact-hint" class="mfa-hint"><c:out
            value="${phone ? texts['enrollContact.phoneHint'] : texts['enrollContact.emailHint']}"/></p>
    <input type="submit" id="mfa:send" name="mfa:send" value="${fn:escapeXml(texts['enrollContact.send'])}"
           class="mfa-button mfa-primary"/>
    <div class="mfa-secondary-actions">
        <a id="mfa:another" class="mfa-link"
           href="${fn:escapeXml(contextPath)}/mfa/start?flow=${fn:escapeXml(flowId)}"><c:out
                value="${texts['action.another']}"/></a>
    </div>
</form>
<%@ include file="/mfa/jsp/foot.jspf" %>
