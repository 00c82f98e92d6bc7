package dev.forewarn.outreach.selfservice;

import static dev.forewarn.outreach.selfservice.SelfServicePage.escape;
import static dev.forewarn.outreach.selfservice.SelfServicePage.head;
import static dev.forewarn.outreach.selfservice.SelfServicePage.hidden;

import dev.forewarn.outreach.customers.Customer;
import dev.forewarn.outreach.customers.Device;
import dev.forewarn.outreach.preferences.Preferences;
import java.util.List;
import org.springframework.security.web.csrf.CsrfToken;

/** The HTML of the customer's sign-in and account pages: plain forms, everything escaped. */
final class CustomerPages {

  private CustomerPages() {}

  static String signIn(String note, String address, CsrfToken csrf) {
    StringBuilder html = head("Sign in to Forewarn").append("<h1>Sign in</h1>");
    if (note != null) {
      html.append("<p role=\"status\">").append(escape(note)).append("</p>");
    }
    return html.append("<form method=\"post\" action=\"/me/sign-in/code\">")
        .append(hidden(csrf))
        .append("<label>Mobile number or email <input name=\"address\" value=\"")
        .append(escape(address))
        .append("\" autocomplete=\"username\"></label> <button>Send me a code</button></form>")
        .append("<form method=\"post\" action=\"/me/sign-in\">")
        .append(hidden(csrf))
        .append("<input type=\"hidden\" name=\"address\" value=\"")
        .append(escape(address))
        .append("\"><label>Code <input name=\"code\" inputmode=\"numeric\"")
        .append(" autocomplete=\"one-time-code\"></label> <button>Sign in</button></form>")
        .append("</body></html>")
        .toString();
  }

  static String account(
      Customer customer,
      List<Device> devices,
      List<CustomerCase> cases,
      Preferences preferences,
      CsrfToken csrf) {
    StringBuilder html =
        head("Forewarn").append("<h1>Hello ").append(escape(customer.name())).append("</h1>");
    html.append("<h2>Your devices</h2><ul>");
    devices.forEach(
        d ->
            html.append("<li>")
                .append(escape(d.nickname() == null ? d.deviceId() : d.nickname()))
                .append(d.model() == null ? "" : " (" + escape(d.model()) + ")")
                .append("</li>"));
    html.append("</ul><h2>Your cases</h2><ul>");
    cases.forEach(
        c ->
            html.append("<li>#")
                .append(c.id())
                .append(" ")
                .append(escape(c.device()))
                .append(": ")
                .append(escape(c.summary()))
                .append(" (")
                .append(escape(c.status()))
                .append(")</li>"));
    html.append("</ul><h2>How we reach you</h2><p>Language: ")
        .append(escape(preferences.locale()))
        .append(", time zone: ")
        .append(escape(preferences.timeZone()))
        .append("</p>");
    return html.append("<form method=\"post\" action=\"/me/sign-out\">")
        .append(hidden(csrf))
        .append("<button>Sign out</button></form></body></html>")
        .toString();
  }
}
