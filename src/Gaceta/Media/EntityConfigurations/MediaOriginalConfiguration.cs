using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gaceta.Media.EntityConfigurations;

/// <summary>How <see cref="MediaOriginal"/> is stored: a table of its own, so listing the library never reads the bytes.</summary>
internal sealed class MediaOriginalConfiguration : IEntityTypeConfiguration<MediaOriginal>
{
    public void Configure(EntityTypeBuilder<MediaOriginal> original)
    {
        original.ToTable("MediaOriginals");
        original.HasKey(o => o.MediaItemId);
    }
}
