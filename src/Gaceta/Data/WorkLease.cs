namespace Gaceta.Data;

/// <summary>Who runs one named piece of background work (scheduled publishing, say) until when.</summary>
public sealed class WorkLease
{
    public required string Name { get; set; }

    public required string Holder { get; set; }

    public DateTime ExpiresAt { get; set; }
}
