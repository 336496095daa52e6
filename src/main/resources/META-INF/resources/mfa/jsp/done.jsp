<%@ include file="/mfa/jsp/directives.jspf" %>
<c:set var="title" value="${texts['done.title']}"/>
<c:set var="heading" value="${title}"/>
<%@ include file="/mfa/jsp/head.jspf" %>
<p class="mfa-lead"><c:out value="${texts['done.lead']}"/></p>
<a id="back" href="${fn:escapeXml(returnUrl)}" class="mfa-button mfa-primary"><c:out value="${texts['done.back']}"/></a>
<%@ include file="/mfa/jsp/foot.jspf" %>
