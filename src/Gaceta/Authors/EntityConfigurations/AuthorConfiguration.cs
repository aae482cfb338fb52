using Gaceta.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gaceta.Authors.EntityConfigurations;

/// <summary>How <see cref="Author"/> is stored.</summary>
internal sealed class AuthorConfiguration : IEntityTypeConfiguration<Author>
{
    public void Configure(EntityTypeBuilder<Author> author)
    {
        author.Property(a => a.Slug).HasMaxLength(ColumnLengths.Key);
        author.HasIndex(a => a.Slug).IsUnique();
        author.Property(a => a.Name).HasMaxLength(AuthorLimits.Name);
        author.OwnsMany(a => a.Bios, bio =>
        {
            bio.ToTable("AuthorBios");
            bio.WithOwner().HasForeignKey("AuthorId");
            bio.HasKey("AuthorId", nameof(AuthorBio.Language));
            bio.Property(b => b.Language).HasMaxLength(ColumnLengths.LanguageCode);
            bio.Property(b => b.Text).HasMaxLength(AuthorLimits.Bio);
        });
    }
}
