package dev.forewarn.ingest.influx;

import dev.forewarn.ingest.parse.DeadLetter;
import java.io.Serializable;
import java.util.List;

/**
 * Where the points InfluxDB refuses for their data go (a field type conflict, a time it does not
 * keep, a line it cannot read): dead letters with InfluxDB's reason and the point's line, so that a
 * refused reading is found, not lost.
 */
@FunctionalInterface
public interface RefusedPoints extends Serializable {

  /**
   * Keeps the dead letters.
   *
   * @throws Exception when they could not be kept; they are offered again after a pause
   */
  void keep(List<DeadLetter> letters) throws Exception;
}
