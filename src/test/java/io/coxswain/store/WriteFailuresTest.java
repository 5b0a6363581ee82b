package io.coxswain.store;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.coxswain.api.ApiException;
import io.coxswain.api.Status;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class WriteFailuresTest {
  private static final ResourceKey KEY = new ResourceKey("pods", "default", "p");

  private static CompletableFuture<Object> failed(int code, String message) {
    return CompletableFuture.failedFuture(new ApiException(Status.failure(code, "Reason", message, null)));
  }

  @Test
  void expectedOutcomesAreDebugAndEverythingElseIsAWarningWithTheKey() {
    Logger logger = (Logger) LoggerFactory.getLogger("write-failures-test");
    logger.setLevel(Level.DEBUG);
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    seen.start();
    logger.addAppender(seen);

    assertThat(WriteFailures.logged(CompletableFuture.completedFuture("ok"), logger, "bind pod", KEY).join())
        .isEqualTo("ok");
    assertThat(WriteFailures.logged(failed(409, "changed"), logger, "bind pod", KEY).join()).isNull();
    assertThat(WriteFailures.logged(failed(404, "gone"), logger, "bind pod", KEY).join()).isNull();
    assertThat(WriteFailures.logged(failed(504, "store slow"), logger, "bind pod", KEY).join()).isNull();

    assertThat(seen.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.DEBUG, Level.DEBUG, Level.WARN);
    assertThat(seen.list.get(2).getFormattedMessage()).contains("bind pod").contains(KEY.toString()).contains("store slow");
  }
}
