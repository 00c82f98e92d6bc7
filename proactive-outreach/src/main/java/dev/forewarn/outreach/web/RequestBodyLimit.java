package dev.forewarn.outreach.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * Refuses request bodies over {@code forewarn.web.max-body-size} with 413 before anything reads
 * them: at once when the declared {@code Content-Length} is over the limit, and while reading when
 * a chunked body without a length grows past it. A chunked form or multipart body gets 411: the
 * servlet container parses those itself, past this filter's count. Runs before security, so an
 * oversized body costs no token check, no session and no parsing. The error is JSON, or a short
 * HTML page for a browser's form (an {@code Accept} with {@code text/html} outside {@code /api}).
 */
final class RequestBodyLimit extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(RequestBodyLimit.class);

  private final long maxBytes;
  private final String limit;
  private final ObjectMapper json;

  RequestBodyLimit(RequestLimitProperties properties, ObjectMapper json) {
    this.maxBytes = properties.maxBodySize().toBytes();
    this.limit = properties.describeMaxBodySize();
    this.json = json;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    if (declared > maxBytes) {
      refuse(request, response, declared + " bytes declared");
      return;
    }
    boolean chunked = declared < 0 && request.getHeader("Transfer-Encoding") != null;
    if (chunked && parsedByTheServer(request.getContentType())) {
      refuse(
          request,
          response,
          HttpServletResponse.SC_LENGTH_REQUIRED,
          "a form body must declare its Content-Length",
          "chunked form");
      return;
    }
    HttpServletRequest limited = chunked ? new Limited(request, maxBytes, limit) : request;
    try {
      chain.doFilter(limited, response);
    } catch (ServletException | IOException | RuntimeException e) {
      if (!causedByLimit(e) || response.isCommitted()) {
        throw e;
      }
      response.reset();
      refuse(request, response, "chunked body");
    }
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, String seen)
      throws IOException {
    refuse(
        request,
        response,
        HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
        "the request body is larger than the limit of " + limit,
        seen);
  }

  private void refuse(
      HttpServletRequest request,
      HttpServletResponse response,
      int status,
      String error,
      String seen)
      throws IOException {
    log.warn(
        "request refused method={} path={} status={}: {} ({})",
        request.getMethod(),
        request.getRequestURI(),
        status,
        error,
        seen);
    response.setStatus(status);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    if (fromABrowserPage(request)) {
      response.setContentType(MediaType.TEXT_HTML_VALUE);
      response.getWriter().write(page(status, error));
      return;
    }
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    json.writeValue(response.getOutputStream(), new ApiError(null, error));
  }

  /** A form a page sent (a console or customer page), rather than an API call: it wants HTML. */
  private static boolean fromABrowserPage(HttpServletRequest request) {
    String accept = request.getHeader("Accept");
    return accept != null
        && accept.contains(MediaType.TEXT_HTML_VALUE)
        && !request.getRequestURI().startsWith("/api/");
  }

  /** A page of its own: the filter runs before anything that could render the site's templates. */
  private static String page(int status, String error) {
    String title =
        status == HttpServletResponse.SC_LENGTH_REQUIRED ? "Length required" : "Too large";
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>"
        + title
        + "</title></head><body><h1>"
        + title
        + "</h1><p>Nothing was saved: "
        + HtmlUtils.htmlEscape(error)
        + ".</p><p>Go back and send less.</p></body></html>";
  }

  /**
   * Form and multipart bodies are parsed by the servlet container from its own stream, which this
   * filter cannot count; so they must say how long they are (browsers and Twilio always do).
   */
  private static boolean parsedByTheServer(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.toLowerCase(Locale.ROOT);
    return type.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)
        || type.startsWith("multipart/");
  }

  private static boolean causedByLimit(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BodyTooLargeException) {
        return true;
      }
    }
    return false;
  }

  /** A request whose body stream fails once more than the limit has been read from it. */
  private static final class Limited extends HttpServletRequestWrapper {

    private final long maxBytes;
    private final String limit;
    private ServletInputStream stream;

    Limited(HttpServletRequest request, long maxBytes, String limit) {
      super(request);
      this.maxBytes = maxBytes;
      this.limit = limit;
    }

    @Override
    public synchronized ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new Counting(super.getInputStream(), maxBytes, limit);
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      String encoding = getCharacterEncoding();
      Charset charset;
      try {
        charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      } catch (IllegalArgumentException e) {
        throw new UnsupportedEncodingException(encoding);
      }
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
  }

  private static final class Counting extends ServletInputStream {

    private final ServletInputStream in;
    private final long maxBytes;
    private final String limit;
    private long read;

    Counting(ServletInputStream in, long maxBytes, String limit) {
      this.in = in;
      this.maxBytes = maxBytes;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      read += n;
      if (read > maxBytes) {
        throw new BodyTooLargeException(limit);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
