namespace Gaceta.Security;

/// <summary>
/// A random key made once per installation and shared by every node through the database. It keys the hashes
/// of emails and IP addresses and signs reader tokens (unsubscribe and confirmation links).
/// </summary>
public sealed class InstallationSecret
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public required byte[] Key { get; set; }

    public DateTime CreatedAt { get; set; }
}
