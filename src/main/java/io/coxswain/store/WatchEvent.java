package io.coxswain.store;

import io.coxswain.api.KubeObject;

/**
 * One event on a watch stream, as a watcher sees it: ADDED / MODIFIED / DELETED with the object,
 * or BOOKMARK with only the revision reached. Selector transitions are already applied (an object
 * that stops matching arrives as DELETED).
 */
public record WatchEvent(ChangeType type, KubeObject object, long revision) {}
