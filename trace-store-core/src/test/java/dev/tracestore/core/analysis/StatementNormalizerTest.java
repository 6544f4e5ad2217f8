package dev.tracestore.core.analysis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatementNormalizerTest {

    private static final String[][] STATEMENTS_AND_SHAPES = {
        {"select * from item where id = 42", "select * from item where id = ?"},
        {"select * from item where id = ?", "select * from item where id = ?"},
        {"select * from item where name = 'it''s' and price > -1.5e3", "select * from item where name = ? and price > -?"},
        {"SELECT name FROM customer WHERE id IN (1, 2, 3)", "SELECT name FROM customer WHERE id IN (?)"},
        {"SELECT name FROM customer WHERE id IN ( ? ,?)", "SELECT name FROM customer WHERE id IN (?)"},
        {"insert into t1 (a, b) values (1, 'x'), (2, 'y')", "insert into t1 (a, b) values (?), (?)"},
        {"select * from t where id = $1 and flag = 0x1F", "select * from t where id = ? and flag = ?"},
        {"select \"Order\".\"id2\" from \"Order\"", "select \"Order\".\"id2\" from \"Order\""},
        {"select a  from\n\tt -- comment 7\nwhere b=.5", "select a from t where b=?"},
        {"/*traceparent='00-abc'*/ select count(*) from t", "select count(*) from t"},
        {"select max(x) from t", "select max(x) from t"},
        {"select 'unterminated", "select ?"},
    };

    @Test
    void replacesLiteralsAndKeepsTheShape() {
        for (String[] statementAndShape : STATEMENTS_AND_SHAPES) {
            assertThat(StatementNormalizer.normalize(statementAndShape[0])).as(statementAndShape[0])
                    .isEqualTo(statementAndShape[1]);
        }
    }

    @Test
    void statementsThatDifferOnlyInValuesHaveTheSameShape() {
        assertThat(StatementNormalizer.normalize("select * from line where order_id = 7 and sku in ('a','b')"))
                .isEqualTo(StatementNormalizer.normalize("select * from line where order_id = 1234 and sku in ('c')"));
    }
}
