package io.coxswain.api.discovery;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Kubernetes {@code discovery.k8s.io/v1.EndpointHints}: the zones and nodes an endpoint should serve (topology-aware routing). Kept, not acted on. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record EndpointHints(List<ForZone> forZones, List<ForNode> forNodes) {}
