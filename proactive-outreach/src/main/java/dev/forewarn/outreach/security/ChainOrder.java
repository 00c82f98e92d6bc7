package dev.forewarn.outreach.security;

/**
 * The order in which the filter chains are asked whether a request is theirs; the first whose
 * matcher fits handles it. The console comes last and takes whatever is left, so a new path is
 * closed (staff only) until a chain or a rule opens it.
 */
public final class ChainOrder {

  public static final int ACTUATOR = 10;
  public static final int WEBHOOKS = 20;
  public static final int API = 30;
  public static final int CASE_LINK_PAGES = 40;
  public static final int CUSTOMER_PAGES = 50;
  public static final int CONSOLE = 100;

  private ChainOrder() {}
}
