using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gaceta.Importing.EntityConfigurations;

/// <summary>How <see cref="ImportRun"/> is stored.</summary>
internal sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> run)
    {
        run.Property(r => r.Source).HasMaxLength(20);
        run.Property(r => r.Site).HasMaxLength(300);
        run.Property(r => r.FileName).HasMaxLength(260);
        run.Property(r => r.ActorName).HasMaxLength(200);
        run.Property(r => r.FileError).HasMaxLength(2000);
        run.HasIndex(r => r.StartedAt);
    }
}
