package io.miville.description;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MivilleJsonTest {

  @Test
  void roundTripsExactly() {
    SessionDescription d = Examples.concert();
    byte[] body = MivilleJson.encode(d);
    assertThat(MivilleJson.decode(body)).isEqualTo(d);
    assertThat(MivilleJson.decode(MivilleJson.toPrettyJson(d))).isEqualTo(d);
    // writing what was read gives the same bytes: a fixed point
    assertThat(MivilleJson.encode(MivilleJson.decode(body))).isEqualTo(body);
    assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(MivilleJson.toJson(d));
  }

  @Test
  void writesFieldsInAFixedOrder() {
    String json = MivilleJson.toJson(Examples.concert());
    assertThat(json).startsWith("{\"name\":\"default\",\"id\":\"a3f9c2e1\",\"purpose\":");
    assertInOrder(json, "\"start\"", "\"ports\"", "\"profile\"", "\"contacts\"", "\"streams\"");
    String firstStream = json.substring(json.indexOf("\"streams\""), json.indexOf("},{\"config\""));
    assertInOrder(firstStream, "\"/service\"", "\"/media\"", "\"/address\"", "\"/port\"",
        "\"/format\"", "\"/bitrate\"", "\"/direction\"", "\"/send/enabled\"",
        "\"/receive/enabled\"", "\"/send/video/codec\"", "\"/x/deinterlace\"", "\"source\"",
        "\"sink\"");
  }

  private static void assertInOrder(String s, String... keys) {
    int[] at = indexes(s, keys);
    for (int i = 1; i < at.length; i++) {
      assertThat(at[i]).as(keys[i]).isGreaterThan(at[i - 1]);
    }
  }

  private static int[] indexes(String s, String... keys) {
    int[] at = new int[keys.length];
    for (int i = 0; i < keys.length; i++) {
      at[i] = s.indexOf(keys[i]);
      assertThat(at[i]).as(keys[i]).isNotNegative();
    }
    return at;
  }

  @Test
  void refusesBodiesThatAreNotUtf8() {
    byte[] body = MivilleJson.encode(Examples.concert());
    byte[] latin1 = MivilleJson.toJson(Examples.concert()).replace("Alice", "Al\u00efce")
        .getBytes(StandardCharsets.ISO_8859_1);
    assertThat(body).isNotEmpty();
    assertThatThrownBy(() -> MivilleJson.decode(latin1))
        .isInstanceOfSatisfying(DescriptionException.class, e -> {
          assertThat(e.field()).isEqualTo("$");
          assertThat(e.reason()).isEqualTo("not UTF-8 text");
        });
  }

  /** The example in docs/session-description.md is exactly what the writer produces. */
  @Test
  void documentedExampleIsCurrent() throws IOException {
    Path doc = Path.of("..", "docs", "session-description.md");
    String text = Files.readString(doc);
    Matcher m = Pattern.compile("```json\n(.*?)\n```", Pattern.DOTALL).matcher(text);
    assertThat(m.find()).isTrue();
    String example = m.group(1);
    assertThat(MivilleJson.decode(example)).isEqualTo(Examples.concert());
    assertThat(MivilleJson.toPrettyJson(Examples.concert())).isEqualTo(example);
  }

  @Test
  void unknownOscKeysRoundTripWithTheirJsonTypes() {
    String json = """
        {"id":"x","start":"2024-05-01T18:30:00.123456789Z",
         "profile":{"name":"p"},
         "contacts":{"offerer":{"address":"192.0.2.10","port":5060},
                     "answerer":{"address":"198.51.100.20","port":5070,"kind":"sip"}},
         "streams":[{"config":{"/media":"midi","/address":"198.51.100.20","/port":6000,
                               "/format":"rtp-midi","/direction":"offerer-to-answerer",
                               "/a/float":1.0,"/a/list":[1,"two",null,{"x":true}],
                               "/a/null":null,"/a/big":123456789012345678901234567890,
                               "/a/text":"caf\\u00e9 \\"quoted\\""},
                      "source":{"code":0,"message":""},
                      "sink":{"code":0,"message":"Stopped"}}]}
        """;
    SessionDescription d = MivilleJson.decode(json);
    assertThat(d.name()).isEqualTo("default");
    assertThat(d.purpose()).isEmpty();
    assertThat(d.ports()).isEmpty();
    assertThat(d.profile().settings()).isEmpty();
    assertThat(d.answerer().kind()).isEqualTo(AgentKind.SIP);
    assertThat(d.start().getNano()).isEqualTo(123456789);
    StreamConfig c = d.streams().get(0).config();
    assertThat(c.service()).isEqualTo("milhouse");
    assertThat(c.extras()).containsEntry("/a/float", "1.0")
        .containsEntry("/a/list", "[1,\"two\",null,{\"x\":true}]")
        .containsEntry("/a/null", "null")
        .containsEntry("/a/big", "123456789012345678901234567890")
        .containsEntry("/a/text", "\"caf\u00e9 \\\"quoted\\\"\"");
    assertThat(MivilleJson.decode(MivilleJson.encode(d))).isEqualTo(d);
    assertThat(MivilleJson.toJson(d)).contains("\"/a/float\":1.0");
  }

  @ParameterizedTest(name = "[{index}] {1}: {2}")
  @CsvSource(delimiter = '|', textBlock = """
      {"id":"x"                                              | $                                | malformed JSON at line 1 column 10
      [1,2]                                                  | $                                | must be an object
      {}                                                     | id                               | missing
      {"id":"x","id":"y"}                                    | $                                | malformed JSON at line 1 column 15
      {"id":7}                                               | id                               | must be a string
      {"id":"x"} {}                                          | $                                | malformed JSON at line 1 column 12
      REPLACE:"start":"2024-05-01T18:30:00Z"=>"start":"2024-05-01T20:30:00+02:00" | start | must be a UTC time like 2024-05-01T12:00:00Z
      REPLACE:"start":"2024-05-01T18:30:00Z"=>"start":"yesterday" | start                      | must be a UTC time like 2024-05-01T12:00:00Z
      REPLACE:"purpose":=>"porpoise":                        | porpoise                         | unknown field
      REPLACE:"ports":[10000,10010,10020,10030]=>"ports":[10000,"10010"] | ports[1]           | must be an integer
      REPLACE:"ports":[10000,10010,10020,10030]=>"ports":[10000,10001] | ports[1]             | port block overlaps the block of ports[0]
      REPLACE:"ports":[10000,10010,10020,10030]=>"ports":10000 | ports                          | must be a list
      REPLACE:"name":"concert"=>"name":""                    | profile.name                     | must not be empty
      REPLACE:"/send/video/codec","/recv=>"send/video/codec","/recv | profile.settings[0]       | must be an OSC path like /send/video/codec
      REPLACE:"contacts":{"offerer":{"kind":"miville",=>"contacts":{"offerer":{"kind":"python", | contacts.offerer.kind | must be miville or sip
      REPLACE:"address":"192.0.2.10","port":5060=>"address":"192.0.2.10","port":0 | contacts.offerer.port | port out of range 1..65535
      REPLACE:"address":"192.0.2.10","port":5060=>"address":"192.0.2.010","port":5060 | contacts.offerer.address | must be an IPv4 address (a.b.c.d)
      REPLACE:"peer_name":"Alice"=>"peer_name":"Alice","phone":"555" | contacts.answerer.phone | unknown field
      REPLACE:"/port":10000,"/format":"mpeg4"=>"/port":9000,"/format":"mpeg4" | streams[0].config["/port"] | port base out of range 10000..65526
      REPLACE:"/port":10000,"/format":"mpeg4"=>"/port":10000.0,"/format":"mpeg4" | streams[0].config["/port"] | must be an integer
      REPLACE:"/port":10000,"/format":"mpeg4"=>"/format":"mpeg4" | streams[0].config["/port"]  | missing
      REPLACE:"/address":"198.51.100.20",=>                  | streams[0].config["/address"]    | missing
      REPLACE:"/media":"video"=>"/media":"vid eo"            | streams[0].config["/media"]      | must be a token (letters, digits, -._ ...)
      REPLACE:"/direction":"offerer-to-answerer"=>"/direction":"alice-to-bob" | streams[0].config["/direction"] | must be offerer-to-answerer or answerer-to-offerer
      REPLACE:"/send/enabled":true,"/receive/enabled":true,"/send=>"/send/enabled":"yes","/receive/enabled":true,"/send | streams[0].config["/send/enabled"] | must be true or false
      REPLACE:"/bitrate":3000=>"/bitrate":0                  | streams[0].config["/bitrate"]    | bitrate must be more than 0 kbit/s
      REPLACE:"/x/deinterlace":false=>"x/deinterlace":false  | streams[0].config["x/deinterlace"] | must be an OSC path like /send/video/codec
      REPLACE:"sink":{"code":200=>"sink":{"code":42          | streams[0].sink.code             | state code must be 0 or 100..699
      REPLACE:"sink":{"code":200,"message":"Streaming"}=>"sink":{"code":200} | streams[0].sink.message | missing
      REPLACE:,"sink":{"code":200,"message":"Streaming"}}=>}  | streams[0].sink                  | missing
      REPLACE:"/port":10000,"/format":"L16"=>"/port":10000,"/address":"x","/format":"L16" | $  | malformed JSON at line 1 column *
      REPLACE:"/address":"192.0.2.10","/port":10000=>"/address":"198.51.100.20","/port":10005 | streams[1].config["/port"] | port block overlaps the block of streams[0]
      """)
  void refusesWithTheFieldNamed(String input, String field, String reason) {
    String json = input;
    if (input.startsWith("REPLACE:")) {
      String[] fromTo = input.substring(8).split("=>", 2);
      String good = MivilleJson.toJson(Examples.concert());
      assertThat(good).contains(fromTo[0]);
      json = good.replace(fromTo[0], fromTo[1]);
    }
    String body = json;
    assertThatThrownBy(() -> MivilleJson.decode(body))
        .isInstanceOfSatisfying(DescriptionException.class, e -> {
          assertThat(e.field()).isEqualTo(field);
          if (reason.endsWith("*")) {
            assertThat(e.reason()).startsWith(reason.substring(0, reason.length() - 1));
          } else {
            assertThat(e.reason()).isEqualTo(reason);
          }
        });
  }
}
