package io.coxswain.scheduler;

import java.util.Optional;

/**
 * A feasibility check: empty when the pod may go to the node, else the reason in Kubernetes'
 * words (they are counted into "0/3 nodes are available: 2 Insufficient memory, ...").
 */
interface Filter {
  Optional<String> reject(PodDemand demand, NodeInfo node);
}
