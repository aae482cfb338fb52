using Gaceta.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gaceta.Staff.EntityConfigurations;

/// <summary>How <see cref="StaffMember"/> is stored.</summary>
internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> member)
    {
        member.Property(m => m.DisplayName).HasMaxLength(200);
        member.Property(m => m.Language).HasMaxLength(ColumnLengths.LanguageCode);
    }
}
