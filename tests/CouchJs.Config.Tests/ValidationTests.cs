namespace CouchJs.Config.Tests;

/// <summary>CouchDB's checks before a set (config.erl validation_test), so nothing can break local.ini.</summary>
public class ValidationTests
{
    [Theory]
    [InlineData("sect[ion", "key", "value", InvalidConfigException.InvalidSection)]
    [InlineData("sect]ion", "key", "value", InvalidConfigException.InvalidSection)]
    [InlineData("section\n", "key", "value", InvalidConfigException.InvalidSection)]
    [InlineData("section\r", "key", "value", InvalidConfigException.InvalidSection)]
    [InlineData("section\r\n", "key", "value", InvalidConfigException.InvalidSection)]
    [InlineData("section", "key\n", "value", InvalidConfigException.InvalidKey)]
    [InlineData("section", "key\r", "value", InvalidConfigException.InvalidKey)]
    [InlineData("section", "key\r\n", "value", InvalidConfigException.InvalidKey)]
    [InlineData("section", "k[ey", "value", InvalidConfigException.InvalidKey)]
    [InlineData("section", "[key", "value", InvalidConfigException.InvalidKey)]
    [InlineData("section", "key]", "value", InvalidConfigException.InvalidKey)]
    [InlineData("admins", "[]", "val", InvalidConfigException.InvalidKey)]
    [InlineData("section", "key", "value\n", InvalidConfigException.InvalidValue)]
    [InlineData("section", "key", "value\r", InvalidConfigException.InvalidValue)]
    [InlineData("section", "key", "value\r\n", InvalidConfigException.InvalidValue)]
    [InlineData("section", "key", "caf\u00e9", InvalidConfigException.InvalidValue)]
    public void RefusesWhatCouchDbRefuses(string section, string key, string value, string reason)
    {
        var config = CouchConfig.FromText("");

        var e = Assert.Throws<InvalidConfigException>(() => config.Set(section, key, value));

        Assert.Equal(reason, e.Message);
        Assert.Empty(config.SectionNames);
    }

    [Theory]
    [InlineData("section", "key", "value")]
    [InlineData("delete", "empty_value", "")]
    [InlineData("chttpd", "server_options", "[{recbuf, undefined}]")]
    [InlineData("cors:http://a.example", "Key With Spaces", "tab\tand ~!@#$%^&*()")]
    public void AcceptsPrintableAscii(string section, string key, string value)
    {
        var config = CouchConfig.FromText("");

        config.Set(section, key, value);

        Assert.Equal(value, config.Get(section, key));
    }
}
