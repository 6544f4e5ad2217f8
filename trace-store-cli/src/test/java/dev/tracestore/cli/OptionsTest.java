package dev.tracestore.cli;

import dev.tracestore.core.query.QueryParameters;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI offers every parameter of the HTTP API, by the same name. */
class OptionsTest {

    private final CommandLine cli = TraceStoreCli.commandLine();

    @Test
    void tracesHasAnOptionForEveryQueryParameterInKebabAndCamelCase() {
        CommandSpec traces = cli.getSubcommands().get("traces").getCommandSpec();

        for (String parameter : QueryParameters.NAMES) {
            assertThat(traces.findOption(QueryArguments.option(parameter))).as(parameter).isNotNull();
            assertThat(traces.findOption("--" + parameter)).as(parameter).isNotNull();
        }
    }

    @Test
    void spanListingsHaveEveryParameterButTheTraceDurations() {
        for (String command : Set.of("query", "failures", "errors")) {
            CommandSpec spec = cli.getSubcommands().get(command).getCommandSpec();
            for (String parameter : QueryParameters.NAMES) {
                boolean traceDuration = parameter.endsWith("TraceDuration");
                assertThat(spec.findOption(QueryArguments.option(parameter)) != null).as(command + " " + parameter)
                        .isEqualTo(!traceDuration);
            }
        }
    }

    @Test
    void optionNamesAreTheParametersInKebabCase() {
        assertThat(QueryArguments.option("minTraceDuration")).isEqualTo("--min-trace-duration");
        assertThat(QueryArguments.option("attr")).isEqualTo("--attr");
    }
}
