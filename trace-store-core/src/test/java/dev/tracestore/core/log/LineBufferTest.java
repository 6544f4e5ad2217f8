package dev.tracestore.core.log;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class LineBufferTest {

    @Test
    void truncatesABatchThatFailedToEncode() throws IOException {
        LineBuffer buffer = new LineBuffer(4);
        buffer.write("line one\n".getBytes(StandardCharsets.UTF_8));
        int mark = buffer.size();
        buffer.write("half a li".getBytes(StandardCharsets.UTF_8));
        buffer.truncate(mark);

        ByteArrayOutputStream file = new ByteArrayOutputStream();
        buffer.drainTo(Channels.newChannel(file));

        assertThat(file.toString(StandardCharsets.UTF_8)).isEqualTo("line one\n");
        assertThat(buffer.size()).isZero();
    }

    @Test
    void dropsWhatAFailingChannelDidNotTake() {
        LineBuffer buffer = new LineBuffer(16);
        buffer.write('x');
        WritableByteChannel failing = new WritableByteChannel() {
            @Override
            public int write(ByteBuffer source) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };

        assertThatIOException().isThrownBy(() -> buffer.drainTo(failing)).withMessageContaining("No space");
        assertThat(buffer.size()).isZero();
    }
}
