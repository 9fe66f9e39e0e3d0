package io.axion.quota.internal;

/** An instance's figures and the host they count on (null: the cluster's limits only). */
record Placed(String host, Amounts amounts) {
}
