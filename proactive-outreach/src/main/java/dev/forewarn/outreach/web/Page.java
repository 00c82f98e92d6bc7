package dev.forewarn.outreach.web;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list and how many items match in all. The API sends the items as the body and the
 * total and neighbouring pages as headers ({@link Paging#response}); server-rendered pages use the
 * record as it is.
 *
 * @param items the items of this page, in the order asked for
 * @param total how many items match the filters
 * @param page the page number, from 0
 * @param size the page size
 */
public record Page<T>(List<T> items, long total, int page, int size) {

  public Page {
    items = List.copyOf(items);
  }

  public boolean hasNext() {
    return (long) (page + 1) * size < total;
  }

  public <R> Page<R> map(Function<T, R> mapping) {
    return new Page<>(items.stream().map(mapping).toList(), total, page, size);
  }
}
