-- The embedded H2 database of /orders/{id}/lines (Spring Boot runs this file at start-up).
CREATE TABLE item (
    sku         VARCHAR(20) PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    price_cents BIGINT NOT NULL
);

CREATE TABLE order_line (
    order_id VARCHAR(20) NOT NULL,
    line_no  INT NOT NULL,
    sku      VARCHAR(20) NOT NULL REFERENCES item (sku),
    quantity INT NOT NULL,
    PRIMARY KEY (order_id, line_no)
);
