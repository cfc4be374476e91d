package dev.operon.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Plugins' offline commands through the packaged application: listed in {@code --help}, run without a database
 * (the data folder is never made) and with DJL's PyTorch engine loading offline from the packaged natives.
 */
class OfflineCommandIT {

    @Test
    void churnAndClvRunWithoutAServerOrADatabase() throws Exception {
        Path work = Files.createTempDirectory("operon-offline-it");
        Path dataDir = work.resolve("data");
        PlatformProcess operon = new PlatformProcess(dataDir);

        PlatformProcess.Result help = operon.command("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.output()).contains("behaviour churn").contains("behaviour clv");

        Path train = work.resolve("train.csv");
        Path score = work.resolve("score.csv");
        Random random = new Random(3);
        StringBuilder t = new StringBuilder("id,plan,tenure,churn\n");
        StringBuilder s = new StringBuilder("id,tenure,plan\n");
        for (int i = 0; i < 400; i++) {
            boolean monthly = random.nextBoolean();
            int tenure = random.nextInt(60);
            boolean churn = random.nextDouble() < (monthly ? 0.6 : 0.1) * (tenure < 12 ? 1.4 : 0.7);
            t.append("t").append(i).append(',').append(monthly ? "monthly" : "\"yearly, paid\"").append(',')
                    .append(tenure).append(',').append(churn ? "Yes" : "No").append('\n');
            if (i < 30) {
                s.append("s").append(i).append(',').append(tenure).append(',')
                        .append(i == 0 ? "unseen plan" : monthly ? "monthly" : "\"yearly, paid\"").append('\n');
            }
        }
        Files.writeString(train, t);
        Files.writeString(score, s);
        Path output = work.resolve("scores.csv");
        PlatformProcess.Result churn = operon.command("behaviour", "churn", "--train", train.toString(), "--label",
                "churn", "--id", "id", "--score", score.toString(), "--output", output.toString(), "--explain");
        assertThat(churn.exit()).as(churn.output()).isZero();
        List<String> lines = Files.readAllLines(output);
        assertThat(lines).hasSize(31);
        assertThat(lines.get(0)).isEqualTo("id,score,top_features");
        assertThat(lines.get(1)).startsWith("s0,");

        Path summary = work.resolve("summary.csv");
        StringBuilder csv = new StringBuilder("id,frequency,recency,T,monetary_value\n");
        for (int i = 0; i < 200; i++) {
            int x = random.nextInt(4);
            csv.append(i).append(',').append(x).append(',').append(x == 0 ? 0 : 1 + random.nextInt(20))
                    .append(",26,").append(x == 0 ? 0 : 10 + random.nextInt(30)).append('\n');
        }
        Files.writeString(summary, csv);
        PlatformProcess.Result clv = operon.command("behaviour", "clv", "--summary", summary.toString(), "--output",
                work.resolve("clv.csv").toString(), "--params-output", work.resolve("p.json").toString());
        assertThat(clv.exit()).as(clv.output()).isZero();
        assertThat(Files.readString(work.resolve("p.json"))).contains("\"r\"").contains("\"v\"");

        PlatformProcess.Result bad = operon.command("behaviour", "clv", "--summary", work.resolve("nope.csv")
                .toString(), "--output", "o.csv", "--params-output", "p.json");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.output()).contains("nope.csv: no such file").doesNotContain("\tat ");
        assertThat(operon.command("behaviour", "nope").exit()).isEqualTo(2);

        assertThat(Files.exists(dataDir)).as("an offline command starts no database").isFalse();
    }
}
