package io.coxswain.node.runtime;

/**
 * An optional ability of a runtime whose pods live on a Linux bridge of this host (Docker): the
 * service data plane needs the bridge to let a pod reach itself through its own Service.
 */
public interface PodNetwork {
  /** The Linux interface name of the bridge this node's pods are attached to ({@code br-…}). */
  String bridgeInterface();
}
