INSERT INTO item (sku, name, price_cents) VALUES
    ('sku-1', 'Espresso beans 1 kg', 2490),
    ('sku-2', 'Milk frother', 3900),
    ('sku-3', 'Cup, 6 pieces', 1800),
    ('sku-4', 'Descaler', 990),
    ('sku-5', 'Tamper', 2200),
    ('sku-6', 'Knock box', 1500),
    ('sku-7', 'Scale', 2990),
    ('sku-8', 'Grinder', 12900);

-- Order 42 has eight lines, order 7 three: /orders/42/lines makes 1 + 8 queries, /orders/7/lines 1 + 3.
INSERT INTO order_line (order_id, line_no, sku, quantity) VALUES
    ('42', 1, 'sku-1', 2), ('42', 2, 'sku-2', 1), ('42', 3, 'sku-3', 1), ('42', 4, 'sku-4', 3),
    ('42', 5, 'sku-5', 1), ('42', 6, 'sku-6', 1), ('42', 7, 'sku-7', 1), ('42', 8, 'sku-8', 1),
    ('7', 1, 'sku-1', 1), ('7', 2, 'sku-4', 2), ('7', 3, 'sku-8', 1);
