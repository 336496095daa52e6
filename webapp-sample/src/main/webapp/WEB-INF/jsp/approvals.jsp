<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="Approvals"/>
<%@ include file="header.jspf" %>
<h1>Approvals</h1>
<p>The approvals API wants a second factor given at Universal Login within the last five minutes. When the token
    does not show one, it answers with an RFC 9470 challenge, and you went through Universal Login and back here.</p>
<c:choose>
    <c:when test="${not empty approved}">
        <p id="approved" class="ok">Approved: <c:out value="${approved}"/></p>
    </c:when>
    <c:otherwise>
        <p id="api-error" class="error">The approvals API answered <c:out value="${apiStatus}"/>:
            <c:out value="${apiError}"/></p>
    </c:otherwise>
</c:choose>
<%@ include file="footer.jspf" %>
