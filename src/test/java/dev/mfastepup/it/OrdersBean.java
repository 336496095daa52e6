package dev.mfastepup.it;

import dev.mfastepup.token.AccessTokenService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The bean of the test application's own Faces page, {@code orders.xhtml}: an ajax action that needs a token. */
@Named
@RequestScoped
public class OrdersBean {

    @Inject
    AccessTokenService accessTokens;

    private String result = "";

    /** Loads the orders; needs the reports API's token. */
    public void load() {
        result = "Orders loaded with " + accessTokens.get(ReportsServlet.AUDIENCE, "read:orders");
    }

    /** @return what the last action did. */
    public String getResult() {
        return result;
    }
}
