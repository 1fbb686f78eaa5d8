-- No query reads alerts by cluster, namespace and pod, and every ingested alert paid for the
-- entry. A pod timeline can bring it back together with the query that needs it.
DROP INDEX "alerts_clusterId_namespace_pod_time_idx";
