package dev.ofauthqueue.ports.archfixture;

import java.sql.Connection;
import java.sql.SQLException;

/** Bad on purpose: a service writing to a database itself, beside the store port. */
public class ServiceUsingJdbc {
    void save(Connection db) throws SQLException {
        db.commit();
    }
}
