<%@ include file="/mfa/jsp/directives.jspf" %>
<%@ include file="/mfa/jsp/head.jspf" %>
<p id="explanation" class="mfa-lead"><c:out value="${lead}"/></p>
<c:if test="${not empty anotherUrl}">
    <a id="another" href="${fn:escapeXml(anotherUrl)}" class="mfa-button mfa-primary"><c:out
            value="${texts['action.another']}"/></a>
</c:if>
<a id="again" href="${fn:escapeXml(returnUrl)}"
   class="mfa-button ${fn:escapeXml(empty anotherUrl ? 'mfa-primary' : 'mfa-secondary')}"><c:out value="${action}"/></a>
<c:if test="${not empty universalLoginUrl}">
    <a id="universalLogin" href="${fn:escapeXml(universalLoginUrl)}" class="mfa-button mfa-link"><c:out
            value="${texts['start.fallback']}"/></a>
</c:if>
<c:if test="${not empty reference}">
    <div id="reference" class="mfa-footer"><c:out value="${reference}"/></div>
</c:if>
<%@ include file="/mfa/jsp/foot.jspf" %>
