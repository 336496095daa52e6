<%@ include file="/mfa/jsp/directives.jspf" %>
<c:set var="title" value="${texts['push.title']}"/>
<c:set var="heading" value="${enrolling ? texts['push.enrollHeading'] : texts['push.heading']}"/>
<c:set var="withScript" value="${true}"/>
<%@ include file="/mfa/jsp/head.jspf" %>
<form id="mfa" method="post" action="${fn:escapeXml(contextPath)}/mfa/push" data-poll-seconds="${pollSeconds}">
    <%@ include file="/mfa/jsp/form.jspf" %>
    <c:if test="${qrShown}">
        <ol class="mfa-steps">
            <li><c:out value="${texts['push.enrollStep1']}"/></li>
            <li><c:out value="${texts['push.enrollStep2']}"/></li>
        </ol>
        <figure class="mfa-qr">
            <img id="qr" src="${fn:escapeXml(qrCode)}" alt="${fn:escapeXml(texts['push.qrAlt'])}" width="246" height="246"/>
        </figure>
    </c:if>
    <div class="mfa-waiting" role="status" aria-live="polite">
        <span class="mfa-spinner" aria-hidden="true"></span>
        <p id="waiting"><c:out value="${enrolling ? texts['push.enrollWaiting'] : texts['push.waiting']}"/></p>
        <p class="mfa-hint" id="poll-status" data-template="${fn:escapeXml(texts['push.nextCheck'])}"><c:out
                value="${texts['push.noScript']}"/></p>
    </div>
    <input type="submit" id="mfa:check" name="mfa:check" value="${fn:escapeXml(texts['push.check'])}"
           class="mfa-button mfa-primary"/>
    <div class="mfa-secondary-actions">
        <c:if test="${not enrolling}">
            <input type="submit" id="mfa:code" name="mfa:code" value="${fn:escapeXml(texts['push.enterCode'])}"
                   class="mfa-button mfa-link"/>
        </c:if>
        <input type="submit" id="mfa:another" name="mfa:another" value="${fn:escapeXml(texts['action.another'])}"
               class="mfa-button mfa-link"/>
    </div>
</form>
<%@ include file="/mfa/jsp/foot.jspf" %>
