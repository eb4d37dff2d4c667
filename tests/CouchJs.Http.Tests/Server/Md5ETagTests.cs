using CouchJs.Http.Responses;

namespace CouchJs.Http.Tests.Server;

/// <summary>chttpd:make_etag's form: io_lib:format("\"~.36B\"", [SigInt]) of the md5 as a big-endian 128-bit integer.</summary>
public sealed class Md5ETagTests
{
    [Fact]
    public void The_md5_is_one_big_endian_integer_in_base_36()
    {
        // md5("") = d41d8cd98f00b204e9800998ecf8427e.
        Assert.Equal("\"CK2U8J60R58FU0SGYXRIGM3CU\"", Md5ETag.Of([]));
        Assert.Equal("\"0\"", Md5ETag.Format(new byte[16]));
        Assert.Equal("\"F5LXX1ZZ5PNORYNQGLHZMSP33\"", Md5ETag.Format(Enumerable.Repeat((byte)0xFF, 16).ToArray()));
    }
}
