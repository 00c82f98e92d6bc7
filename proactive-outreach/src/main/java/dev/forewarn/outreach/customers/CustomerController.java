package dev.forewarn.outreach.customers;

import dev.forewarn.outreach.notify.Masking;
import dev.forewarn.outreach.web.NotFoundException;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Customers and their contact points. */
@RestController
@RequestMapping("/api")
class CustomerController {

  private static final Logger log = LoggerFactory.getLogger(CustomerController.class);

  private final CustomerRepository customers;
  private final DeviceRepository devices;
  private final ContactPointRepository contactPoints;

  CustomerController(
      CustomerRepository customers,
      DeviceRepository devices,
      ContactPointRepository contactPoints) {
    this.customers = customers;
    this.devices = devices;
    this.contactPoints = contactPoints;
  }

  @PostMapping("/customers")
  ResponseEntity<Customer> addCustomer(@Valid @RequestBody NewCustomer body) {
    Customer customer = customers.add(body);
    log.info(
        "customer added customer_id={} phone={} email={}",
        customer.id(),
        customer.phone() == null ? "-" : Masking.phone(customer.phone()),
        customer.email() == null ? "-" : Masking.email(customer.email()));
    return ResponseEntity.created(URI.create("/api/customers/" + customer.id())).body(customer);
  }

  @GetMapping("/customers/{id}")
  CustomerWithDevices customer(@PathVariable long id) {
    Customer customer =
        customers.find(id).orElseThrow(() -> new NotFoundException("no customer with id " + id));
    return new CustomerWithDevices(customer, devices.ownedBy(id), contactPoints.of(id));
  }

  @PostMapping("/customers/{id}/contact-points")
  ResponseEntity<ContactPoint> addContactPoint(
      @PathVariable long id, @Valid @RequestBody NewContactPoint body) {
    customers.find(id).orElseThrow(() -> new NotFoundException("no customer with id " + id));
    ContactPoint point = contactPoints.add(id, body.checked());
    log.info(
        "contact point added customer_id={} channel={} address={}",
        id,
        point.channel(),
        point.channel().equals("app") ? point.address() : Masking.address(point.address()));
    return ResponseEntity.created(
            URI.create("/api/customers/" + id + "/contact-points/" + point.id()))
        .body(point);
  }

  @GetMapping("/customers/{id}/contact-points")
  List<ContactPoint> contactPoints(@PathVariable long id) {
    customers.find(id).orElseThrow(() -> new NotFoundException("no customer with id " + id));
    return contactPoints.of(id);
  }

  @DeleteMapping("/customers/{id}/contact-points/{pointId}")
  ResponseEntity<Void> removeContactPoint(@PathVariable long id, @PathVariable long pointId) {
    if (!contactPoints.remove(id, pointId)) {
      throw new NotFoundException("customer " + id + " has no contact point " + pointId);
    }
    return ResponseEntity.noContent().build();
  }

  /** A customer with the devices they own and every way to reach them. */
  record CustomerWithDevices(
      Customer customer, List<Device> devices, List<ContactPoint> contactPoints) {}
}
