CREATE INDEX node_version_urn IF NOT EXISTS FOR (v:NodeVersion) ON (v.urn);
CREATE INDEX node_version_scope IF NOT EXISTS FOR (v:NodeVersion) ON (v.versionScope);
CREATE INDEX node_version_to_at IF NOT EXISTS FOR (v:NodeVersion) ON (v.versionToAt);
CREATE INDEX edge_version_from IF NOT EXISTS FOR (v:EdgeVersion) ON (v.edgeFrom);
CREATE INDEX edge_version_to IF NOT EXISTS FOR (v:EdgeVersion) ON (v.edgeTo);
CREATE INDEX edge_version_scope IF NOT EXISTS FOR (v:EdgeVersion) ON (v.versionScope);
CREATE INDEX edge_version_to_at IF NOT EXISTS FOR (v:EdgeVersion) ON (v.versionToAt)
