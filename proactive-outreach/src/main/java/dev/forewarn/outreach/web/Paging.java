package dev.forewarn.outreach.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Paging and sorting of list endpoints: {@code page} (from 0), {@code size} (1 to 1000) and {@code
 * sort=field} or {@code sort=field,asc|desc}, where each list names the fields it sorts by. The
 * answer is the page's items as a JSON array, with {@code X-Total-Count} and a {@code Link} header
 * to the next and previous pages.
 *
 * @param page the page number, from 0
 * @param size items per page
 * @param orderBy the SQL expression to order by, from the list's own table of sort fields
 * @param descending whether the order is descending
 */
public record Paging(int page, int size, String orderBy, boolean descending) {

  public static final int MAX_SIZE = 1000;

  /**
   * Reads the parameters, refusing what does not fit with the parameter named.
   *
   * @param sortable sort field as the API names it to the SQL expression behind it
   * @param defaultSort the sort when none is asked for, e.g. {@code id,desc}
   */
  public static Paging of(
      Integer page, Integer size, String sort, Map<String, String> sortable, String defaultSort) {
    int number = page == null ? 0 : page;
    int length = size == null ? 50 : size;
    if (number < 0) {
      throw new BadRequestException("page", "must be 0 or more");
    }
    if (length < 1 || length > MAX_SIZE) {
      throw new BadRequestException("size", "must be between 1 and " + MAX_SIZE);
    }
    String[] parts = (sort == null || sort.isBlank() ? defaultSort : sort).split(",", -1);
    String field = parts[0].trim();
    String expression = sortable.get(field);
    if (expression == null || parts.length > 2) {
      throw new BadRequestException(
          "sort",
          "must be one of " + String.join(", ", sortable.keySet()) + ", then ,asc or ,desc");
    }
    boolean descending = false;
    if (parts.length == 2) {
      String direction = parts[1].trim().toLowerCase(Locale.ROOT);
      if (!direction.equals("asc") && !direction.equals("desc")) {
        throw new BadRequestException("sort", "the direction must be asc or desc");
      }
      descending = direction.equals("desc");
    }
    return new Paging(number, length, expression, descending);
  }

  public long offset() {
    return (long) page * size;
  }

  /** {@code ORDER BY ... LIMIT ... OFFSET ...}, with the id as the tie-breaker. */
  public String sql(String idColumn) {
    String direction = descending ? " DESC" : " ASC";
    return " ORDER BY "
        + orderBy
        + direction
        + " NULLS LAST, "
        + idColumn
        + direction
        + " LIMIT "
        + size
        + " OFFSET "
        + offset();
  }

  /** The page as the answer of a list endpoint: items as the body, the rest as headers. */
  public static <T> ResponseEntity<List<T>> response(Page<T> page, HttpServletRequest request) {
    List<String> links = new ArrayList<>();
    if (page.hasNext()) {
      links.add(link(request, page.page() + 1, "next"));
    }
    if (page.page() > 0) {
      links.add(link(request, page.page() - 1, "prev"));
    }
    ResponseEntity.BodyBuilder answer =
        ResponseEntity.ok().header("X-Total-Count", Long.toString(page.total()));
    if (!links.isEmpty()) {
      answer.header("Link", String.join(", ", links));
    }
    return answer.body(page.items());
  }

  private static String link(HttpServletRequest request, int page, String rel) {
    String uri =
        ServletUriComponentsBuilder.fromRequest(request)
            .replaceQueryParam("page", page)
            .build()
            .toUriString();
    return "<" + uri + ">; rel=\"" + rel + "\"";
  }
}
