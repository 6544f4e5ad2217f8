package dev.tracestore.core.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tracestore.core.model.StoredSpan;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SharedNamesTest {

    @Test
    void givesEveryNameItsOwnTextWhateverCollidesAndSharesTheOnesThatRepeat() {
        long seed = System.nanoTime();
        System.out.println("SharedNamesTest seed: " + seed);
        Random random = new Random(seed);
        SharedNames names = new SharedNames();
        // far more names than slots, so that slots are taken over; some repeat, some are not Latin-1
        List<String> pool = new ArrayList<>();
        for (int i = 0; i < 3 * SharedNames.SLOTS; i++) {
            StringBuilder name = new StringBuilder();
            int length = random.nextInt(40);
            for (int j = 0; j < length; j++) {
                name.append(random.nextInt(20) == 0 ? (char) (0x400 + random.nextInt(200))
                        : (char) ('a' + random.nextInt(26)));
            }
            pool.add(name.toString());
        }
        for (int i = 0; i < 200_000; i++) {
            String expected = pool.get(random.nextInt(pool.size()));
            char[] chars = ("xy" + expected + "z").toCharArray();
            String read = names.name(chars, 2, expected.length());
            assertThat(read).as("read %d", i).isEqualTo(expected);
            assertThat(read.hashCode()).isEqualTo(expected.hashCode());
        }
        char[] route = "http.route".toCharArray();
        assertThat(names.name(route, 0, route.length)).isSameAs(names.name(route.clone(), 0, route.length));
    }

    @Test
    void readsStringsLikeProto3JsonAndSharesShortOnes() throws IOException {
        JsonFactory factory = new JsonFactory();
        String longName = "n".repeat(SharedNames.MAX_LENGTH + 1);
        SharedNames names = new SharedNames();
        List<String> read = new ArrayList<>();
        try (JsonParser p = factory.createParser(
                "[\"http.route\", \"http.route\", null, 42, \"" + longName + "\", \"\\u00e9t\\u00e9\"]")) {
            p.nextToken();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                read.add(names.read(p, "key"));
            }
        }
        assertThat(read).containsExactly("http.route", "http.route", "", "42", longName, "été");
        assertThat(read.get(0)).isSameAs(read.get(1));
    }

    @Test
    void spansReadTwiceShareTheirNamesAndAttributeKeys() throws IOException {
        OtlpJsonReader reader = new OtlpJsonReader();
        byte[] line = new OtlpJsonWriter().toBytes(TestSpans.numbered(0, 2));
        List<StoredSpan> first = reader.read(line, 0, line.length);
        List<StoredSpan> second = reader.read(line, 0, line.length);

        assertThat(second).isEqualTo(first);
        assertThat(second.get(0).name()).isSameAs(first.get(0).name());
        first.get(0).attributes().forEach((key, value) -> assertThat(second.get(0).attributes().asMap().keySet())
                .anySatisfy(other -> assertThat(other.getKey()).isSameAs(key.getKey())));
    }
}
