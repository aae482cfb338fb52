using Gaceta.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gaceta.Redirects.EntityConfigurations;

/// <summary>How <see cref="Redirect"/> is stored.</summary>
internal sealed class RedirectConfiguration : IEntityTypeConfiguration<Redirect>
{
    public void Configure(EntityTypeBuilder<Redirect> redirect)
    {
        redirect.Property(r => r.Path).HasMaxLength(RedirectPaths.MaxLength);
        redirect.HasIndex(r => r.Path).IsUnique();
        redirect.Property(r => r.Language).HasMaxLength(10);
        redirect.Property(r => r.TargetPath).HasMaxLength(RedirectPaths.MaxLength);
        redirect.Property(r => r.Origin).HasMaxLength(10);
        redirect.HasOne<Story>().WithMany().HasForeignKey(r => r.StoryId).OnDelete(DeleteBehavior.Cascade);
    }
}
