package dev.ofauthqueue.ports.in.archfixture;

import dev.ofauthqueue.ports.out.QueuePage;
import java.util.concurrent.CompletionStage;

/** Bad on purpose: a use case that hands the driven side's type to its callers. */
public interface UseCaseAnsweringAPortType {
    CompletionStage<QueuePage> page();
}
