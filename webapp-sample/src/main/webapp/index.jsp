<%-- The root: on to the home page (a servlet). --%><% response.sendRedirect(request.getContextPath() + "/home"); %>
