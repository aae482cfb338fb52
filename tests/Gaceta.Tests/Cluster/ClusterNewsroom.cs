using Gaceta.Tests.Infrastructure;

namespace Gaceta.Tests.Cluster;

/// <summary>
/// The cluster's database as the release step leaves it: an in-process host migrates it and the newsroom's tools
/// make the data the tests look at (stories, a poll, staff, a subscriber), and its SMTP server receives every
/// node's mail. Readers never reach it: they go through nginx to the nodes.
/// </summary>
public sealed class ClusterNewsroom() : GacetaApp(DatabaseEngine.Postgres);
