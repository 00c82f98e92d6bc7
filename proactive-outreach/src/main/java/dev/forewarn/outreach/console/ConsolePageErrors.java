package dev.forewarn.outreach.console;

import dev.forewarn.outreach.web.BadRequestException;
import dev.forewarn.outreach.web.NotFoundException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * A console page for a case, rule or device that does not exist, or a request it cannot read: a
 * page saying so (404 or 400), not the API's JSON.
 */
@ControllerAdvice(assignableTypes = ConsoleController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsolePageErrors {

  @ExceptionHandler(NotFoundException.class)
  @ResponseStatus(HttpStatus.NOT_FOUND)
  String missing(NotFoundException e, Model model) {
    model.addAttribute("message", e.getMessage());
    model.addAttribute("section", "");
    return "console/problem";
  }

  @ExceptionHandler(BadRequestException.class)
  @ResponseStatus(HttpStatus.BAD_REQUEST)
  String refused(BadRequestException e, Model model) {
    model.addAttribute("message", e.field() + ": " + e.getMessage());
    model.addAttribute("section", "");
    return "console/problem";
  }
}
