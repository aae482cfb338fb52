using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gaceta.Security.EntityConfigurations;

/// <summary>How <see cref="InstallationSecret"/> is stored.</summary>
internal sealed class InstallationSecretConfiguration : IEntityTypeConfiguration<InstallationSecret>
{
    public void Configure(EntityTypeBuilder<InstallationSecret> secret)
    {
        secret.Property(s => s.Id).ValueGeneratedNever();
        secret.Property(s => s.Key).HasMaxLength(64);
    }
}
