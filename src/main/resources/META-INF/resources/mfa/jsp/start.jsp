<%@ include file="/mfa/jsp/directives.jspf" %>
<c:set var="title" value="${texts['start.title']}"/>
<c:set var="heading" value="${enrolling ? texts['start.enrollHeading'] : texts['start.heading']}"/>
<%@ include file="/mfa/jsp/head.jspf" %>
<form id="mfa" method="post" action="${fn:escapeXml(contextPath)}/mfa/start">
    <%@ include file="/mfa/jsp/form.jspf" %>
    <c:if test="${not enrolling}">
        <p class="mfa-lead"><c:out value="${texts['start.lead']}"/></p>
        <fieldset class="mfa-choices">
            <legend class="mfa-legend"><c:out value="${texts['start.choose']}"/></legend>
            <ul id="mfa:authenticator" class="mfa-radio-list">
                <c:forEach items="${choices}" var="choice" varStatus="row">
                    <li><input type="radio" name="mfa:authenticator" id="mfa:authenticator:${row.index}"
                               value="${fn:escapeXml(choice.id)}"<c:if test="${choice.checked}"> checked="checked"</c:if>/><label
                            for="mfa:authenticator:${row.index}"><c:out value="${choice.label}"/></label></li>
                </c:forEach>
            </ul>
        </fieldset>
        <input type="submit" id="mfa:continue" name="mfa:continue" value="${fn:escapeXml(texts['start.continue'])}"
               class="mfa-button mfa-primary"/>
        <c:if test="${recoveryCodeOffered}">
            <input type="submit" id="mfa:recovery" name="mfa:recovery" formnovalidate="formnovalidate"
                   value="${fn:escapeXml(texts['start.useRecoveryCode'])}" class="mfa-button mfa-link"/>
        </c:if>
        <c:if test="${anotherWayOffered}">
            <a id="mfa:anotherWay" href="${fn:escapeXml(fallbackUrl)}" class="mfa-button mfa-link"><c:out
                    value="${texts['start.anotherWay']}"/></a>
        </c:if>
    </c:if>

    <c:if test="${enrolling and not stuck}">
        <p class="mfa-lead"><c:out value="${texts['start.enrollLead']}"/></p>
        <ul class="mfa-factor-list">
            <c:forEach items="${factors}" var="factor" varStatus="row">
                <li>
                    <input type="submit" id="mfa:factors:${row.index}:enroll" name="mfa:enroll:${fn:escapeXml(factor.wireName)}"
                           value="${fn:escapeXml(factor.label)}" formnovalidate="formnovalidate"
                           class="mfa-button mfa-factor mfa-factor-${fn:escapeXml(factor.wireName)}"/>
                    <span class="mfa-hint"><c:out value="${factor.hint}"/></span>
                </li>
            </c:forEach>
        </ul>
    </c:if>

    <c:if test="${stuck}">
        <p class="mfa-lead"><c:out value="${texts['start.stuck']}"/></p>
        <c:if test="${not empty fallbackUrl}">
            <a id="mfa:universalLogin" href="${fn:escapeXml(fallbackUrl)}" class="mfa-button mfa-primary"><c:out
                    value="${texts['start.fallback']}"/></a>
        </c:if>
        <c:if test="${recoveryCodeOffered}">
            <input type="submit" id="mfa:stuckRecovery" name="mfa:stuckRecovery" formnovalidate="formnovalidate"
                   value="${fn:escapeXml(texts['start.useRecoveryCode'])}" class="mfa-button mfa-link"/>
        </c:if>
    </c:if>

    <c:if test="${unsupported}">
        <p class="mfa-hint"><c:out value="${texts['start.unsupported']}"/></p>
    </c:if>

    <div class="mfa-secondary-actions">
        <input type="submit" id="mfa:cancel" name="mfa:cancel" formnovalidate="formnovalidate"
               value="${fn:escapeXml(texts['action.cancel'])}" class="mfa-button mfa-link"/>
    </div>
</form>
<%@ include file="/mfa/jsp/foot.jspf" %>
