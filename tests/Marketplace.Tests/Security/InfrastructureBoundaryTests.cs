using Marketplace.Api.Infrastructure.Persistence;
using System.Reflection;

namespace Marketplace.Tests.Security;

/// <summary>
/// Infrastructure knows no feature: no infrastructure type takes, returns, stores or implements a feature's type.
/// The DbContext is the one exception: its <c>DbSet</c>s name every feature's entities. Entity configurations live
/// with the feature that owns the entity, so the rest of Persistence (migrator, initializer, options) names none.
/// </summary>
public sealed class InfrastructureBoundaryTests
{
    private const string Infrastructure = "Marketplace.Api.Infrastructure";
    private const string Features = "Marketplace.Api.Features";

    [Fact]
    public void No_infrastructure_type_but_the_DbContext_uses_a_feature_type()
    {
        var offenders = typeof(Program).Assembly.GetTypes()
            .Where(type => type.Namespace?.StartsWith(Infrastructure, StringComparison.Ordinal) == true
                && type != typeof(MarketplaceDbContext))
            .SelectMany(type => UsedTypes(type).Where(IsFeatureType).Select(used => $"{type.FullName} -> {used.FullName}"))
            .Distinct()
            .ToList();
        Assert.Empty(offenders);
    }

    private static bool IsFeatureType(Type type) =>
        type.Namespace?.StartsWith(Features, StringComparison.Ordinal) == true
        || (type.IsGenericType && type.GetGenericArguments().Any(IsFeatureType))
        || (type.HasElementType && IsFeatureType(type.GetElementType()!));

    private static IEnumerable<Type> UsedTypes(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        if (type.BaseType is { } baseType)
        {
            yield return baseType;
        }

        foreach (var implemented in type.GetInterfaces())
        {
            yield return implemented;
        }

        foreach (var field in type.GetFields(all))
        {
            yield return field.FieldType;
        }

        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (method is MethodInfo info)
            {
                yield return info.ReturnType;
            }

            foreach (var parameter in method.GetParameters())
            {
                yield return parameter.ParameterType;
            }
        }
    }
}
