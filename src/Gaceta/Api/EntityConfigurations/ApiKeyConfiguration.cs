using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gaceta.Api.EntityConfigurations;

/// <summary>How <see cref="ApiKey"/> is stored.</summary>
internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> key)
    {
        key.Property(k => k.Name).HasMaxLength(100);
        key.Property(k => k.Role).HasMaxLength(40);
        key.Property(k => k.SecretHash).HasMaxLength(64);
        key.Property(k => k.CreatedBy).HasMaxLength(200);
    }
}
