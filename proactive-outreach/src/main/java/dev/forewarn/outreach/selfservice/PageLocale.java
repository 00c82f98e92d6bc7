package dev.forewarn.outreach.selfservice;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseCookie;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The language of the customer's pages, English or Korean: the switch on the page ({@code
 * ?lang=ko}, kept in a cookie) first, else the language stored for the customer the page is about,
 * else the browser's, else English.
 */
@Configuration(proxyBeanMethods = false)
public class PageLocale implements WebMvcConfigurer {

  /** The languages the pages are written in. */
  public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.KOREAN);

  static final String PARAMETER = "lang";
  static final String COOKIE = "forewarn-lang";
  private static final String STORED = PageLocale.class.getName() + ".stored";

  /** Tells the page's language that the customer it shows stored this language. */
  public static void useStored(HttpServletRequest request, String languageTag) {
    request.setAttribute(STORED, languageTag);
  }

  /** Remembers a language on the customer's browser, as the switch does. */
  static void remember(HttpServletResponse response, Locale locale) {
    response.addHeader(
        "Set-Cookie",
        ResponseCookie.from(COOKIE, locale.getLanguage())
            .path("/")
            .maxAge(Duration.ofDays(365))
            .httpOnly(true)
            .sameSite("Lax")
            .build()
            .toString());
  }

  /** One of the page languages for a tag, when it is one. */
  static Optional<Locale> supported(String tag) {
    if (tag == null || tag.isBlank()) {
      return Optional.empty();
    }
    String language = Locale.forLanguageTag(tag.strip()).getLanguage();
    return SUPPORTED.stream().filter(l -> l.getLanguage().equals(language)).findFirst();
  }

  @Bean
  LocaleResolver localeResolver() {
    return new LocaleResolver() {
      @Override
      public Locale resolveLocale(HttpServletRequest request) {
        return supported(request.getParameter(PARAMETER))
            .or(() -> cookie(request))
            .or(() -> supported((String) request.getAttribute(STORED)))
            .or(() -> supported(request.getLocale().toLanguageTag()))
            .orElse(Locale.ENGLISH);
      }

      @Override
      public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale l) {
        supported(l == null ? null : l.toLanguageTag()).ifPresent(s -> remember(response, s));
      }
    };
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry
        .addInterceptor(
            new HandlerInterceptor() {
              @Override
              public boolean preHandle(
                  HttpServletRequest request, HttpServletResponse response, Object handler) {
                supported(request.getParameter(PARAMETER)).ifPresent(l -> remember(response, l));
                return true;
              }
            })
        .addPathPatterns("/c/*", "/me", "/me/sign-in");
  }

  private static Optional<Locale> cookie(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return Optional.empty();
    }
    return Arrays.stream(cookies)
        .filter(c -> c.getName().equals(COOKIE))
        .findFirst()
        .flatMap(c -> supported(c.getValue()));
  }
}
