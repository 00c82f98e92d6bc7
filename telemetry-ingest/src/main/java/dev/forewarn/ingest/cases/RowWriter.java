package dev.forewarn.ingest.cases;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** How one kind of element is written to its table, inside a transaction the caller commits. */
interface RowWriter<T> extends Serializable {

  /** The table written, checked at start. */
  String table();

  void write(Connection connection, List<T> rows) throws SQLException;
}
