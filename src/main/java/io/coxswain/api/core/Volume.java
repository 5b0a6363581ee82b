package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Kubernetes {@code v1.Volume}: a name plus exactly one source. Only the sources a single-machine
 * runtime can honour are modelled; validation rejects a volume whose source is none of these
 * rather than silently running it as something else.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Volume(
    String name,
    EmptyDirVolumeSource emptyDir,
    HostPathVolumeSource hostPath,
    ConfigMapVolumeSource configMap,
    SecretVolumeSource secret,
    PersistentVolumeClaimVolumeSource persistentVolumeClaim,
    AWSElasticBlockStoreVolumeSource awsElasticBlockStore,
    AzureDiskVolumeSource azureDisk,
    AzureFileVolumeSource azureFile,
    CephFSVolumeSource cephfs,
    CinderVolumeSource cinder,
    CSIVolumeSource csi,
    DownwardAPIVolumeSource downwardAPI,
    EphemeralVolumeSource ephemeral,
    FCVolumeSource fc,
    FlexVolumeSource flexVolume,
    FlockerVolumeSource flocker,
    GCEPersistentDiskVolumeSource gcePersistentDisk,
    GitRepoVolumeSource gitRepo,
    GlusterfsVolumeSource glusterfs,
    ImageVolumeSource image,
    ISCSIVolumeSource iscsi,
    NFSVolumeSource nfs,
    PhotonPersistentDiskVolumeSource photonPersistentDisk,
    PortworxVolumeSource portworxVolume,
    ProjectedVolumeSource projected,
    QuobyteVolumeSource quobyte,
    RBDVolumeSource rbd,
    ScaleIOVolumeSource scaleIO,
    StorageOSVolumeSource storageos,
    VsphereVirtualDiskVolumeSource vsphereVolume) {

  public static Volume emptyDir(String name) {
    return builder().name(name).emptyDir(new EmptyDirVolumeSource(null, null, null)).build();
  }

  public static Volume hostPath(String name, String path) {
    return builder().name(name).hostPath(new HostPathVolumeSource(path, null)).build();
  }

  /** The JSON names of the source fields, in the order of {@link #sources()}. */
  public static final java.util.List<String> SOURCE_NAMES = java.util.List.of("emptyDir", "hostPath", "configMap",
      "secret", "persistentVolumeClaim", "awsElasticBlockStore", "azureDisk", "azureFile", "cephfs", "cinder", "csi",
      "downwardAPI", "ephemeral", "fc", "flexVolume", "flocker", "gcePersistentDisk", "gitRepo", "glusterfs", "image",
      "iscsi", "nfs", "photonPersistentDisk", "portworxVolume", "projected", "quobyte", "rbd", "scaleIO", "storageos",
      "vsphereVolume");

  /** Every source field, set or not, in the API's order. */
  public java.util.List<Object> sources() {
    return java.util.Arrays.asList(emptyDir, hostPath, configMap, secret, persistentVolumeClaim, awsElasticBlockStore,
        azureDisk, azureFile, cephfs, cinder, csi, downwardAPI, ephemeral, fc, flexVolume, flocker, gcePersistentDisk,
        gitRepo, glusterfs, image, iscsi, nfs, photonPersistentDisk, portworxVolume, projected, quobyte, rbd, scaleIO,
        storageos, vsphereVolume);
  }

  /** How many sources are set; Kubernetes requires exactly one. */
  public int sourceCount() {
    int n = 0;
    for (Object source : sources()) {
      n += source == null ? 0 : 1;
    }
    return n;
  }

  /** A builder starting from this object's fields, for changing a few of them. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A builder with every field unset. */
  public static Builder builder() {
    return new Builder();
  }

  /** Sets fields one at a time; {@link #build()} makes the immutable record. */
  public static final class Builder {
    private String name;
    private EmptyDirVolumeSource emptyDir;
    private HostPathVolumeSource hostPath;
    private ConfigMapVolumeSource configMap;
    private SecretVolumeSource secret;
    private PersistentVolumeClaimVolumeSource persistentVolumeClaim;
    private AWSElasticBlockStoreVolumeSource awsElasticBlockStore;
    private AzureDiskVolumeSource azureDisk;
    private AzureFileVolumeSource azureFile;
    private CephFSVolumeSource cephfs;
    private CinderVolumeSource cinder;
    private CSIVolumeSource csi;
    private DownwardAPIVolumeSource downwardAPI;
    private EphemeralVolumeSource ephemeral;
    private FCVolumeSource fc;
    private FlexVolumeSource flexVolume;
    private FlockerVolumeSource flocker;
    private GCEPersistentDiskVolumeSource gcePersistentDisk;
    private GitRepoVolumeSource gitRepo;
    private GlusterfsVolumeSource glusterfs;
    private ImageVolumeSource image;
    private ISCSIVolumeSource iscsi;
    private NFSVolumeSource nfs;
    private PhotonPersistentDiskVolumeSource photonPersistentDisk;
    private PortworxVolumeSource portworxVolume;
    private ProjectedVolumeSource projected;
    private QuobyteVolumeSource quobyte;
    private RBDVolumeSource rbd;
    private ScaleIOVolumeSource scaleIO;
    private StorageOSVolumeSource storageos;
    private VsphereVirtualDiskVolumeSource vsphereVolume;

    private Builder() {}

    private Builder(Volume from) {
      name = from.name;
      emptyDir = from.emptyDir;
      hostPath = from.hostPath;
      configMap = from.configMap;
      secret = from.secret;
      persistentVolumeClaim = from.persistentVolumeClaim;
      awsElasticBlockStore = from.awsElasticBlockStore;
      azureDisk = from.azureDisk;
      azureFile = from.azureFile;
      cephfs = from.cephfs;
      cinder = from.cinder;
      csi = from.csi;
      downwardAPI = from.downwardAPI;
      ephemeral = from.ephemeral;
      fc = from.fc;
      flexVolume = from.flexVolume;
      flocker = from.flocker;
      gcePersistentDisk = from.gcePersistentDisk;
      gitRepo = from.gitRepo;
      glusterfs = from.glusterfs;
      image = from.image;
      iscsi = from.iscsi;
      nfs = from.nfs;
      photonPersistentDisk = from.photonPersistentDisk;
      portworxVolume = from.portworxVolume;
      projected = from.projected;
      quobyte = from.quobyte;
      rbd = from.rbd;
      scaleIO = from.scaleIO;
      storageos = from.storageos;
      vsphereVolume = from.vsphereVolume;
    }

    public Builder name(String v) {
      name = v;
      return this;
    }

    public Builder emptyDir(EmptyDirVolumeSource v) {
      emptyDir = v;
      return this;
    }

    public Builder hostPath(HostPathVolumeSource v) {
      hostPath = v;
      return this;
    }

    public Builder configMap(ConfigMapVolumeSource v) {
      configMap = v;
      return this;
    }

    public Builder secret(SecretVolumeSource v) {
      secret = v;
      return this;
    }

    public Builder persistentVolumeClaim(PersistentVolumeClaimVolumeSource v) {
      persistentVolumeClaim = v;
      return this;
    }

    public Builder awsElasticBlockStore(AWSElasticBlockStoreVolumeSource v) {
      awsElasticBlockStore = v;
      return this;
    }

    public Builder azureDisk(AzureDiskVolumeSource v) {
      azureDisk = v;
      return this;
    }

    public Builder azureFile(AzureFileVolumeSource v) {
      azureFile = v;
      return this;
    }

    public Builder cephfs(CephFSVolumeSource v) {
      cephfs = v;
      return this;
    }

    public Builder cinder(CinderVolumeSource v) {
      cinder = v;
      return this;
    }

    public Builder csi(CSIVolumeSource v) {
      csi = v;
      return this;
    }

    public Builder downwardAPI(DownwardAPIVolumeSource v) {
      downwardAPI = v;
      return this;
    }

    public Builder ephemeral(EphemeralVolumeSource v) {
      ephemeral = v;
      return this;
    }

    public Builder fc(FCVolumeSource v) {
      fc = v;
      return this;
    }

    public Builder flexVolume(FlexVolumeSource v) {
      flexVolume = v;
      return this;
    }

    public Builder flocker(FlockerVolumeSource v) {
      flocker = v;
      return this;
    }

    public Builder gcePersistentDisk(GCEPersistentDiskVolumeSource v) {
      gcePersistentDisk = v;
      return this;
    }

    public Builder gitRepo(GitRepoVolumeSource v) {
      gitRepo = v;
      return this;
    }

    public Builder glusterfs(GlusterfsVolumeSource v) {
      glusterfs = v;
      return this;
    }

    public Builder image(ImageVolumeSource v) {
      image = v;
      return this;
    }

    public Builder iscsi(ISCSIVolumeSource v) {
      iscsi = v;
      return this;
    }

    public Builder nfs(NFSVolumeSource v) {
      nfs = v;
      return this;
    }

    public Builder photonPersistentDisk(PhotonPersistentDiskVolumeSource v) {
      photonPersistentDisk = v;
      return this;
    }

    public Builder portworxVolume(PortworxVolumeSource v) {
      portworxVolume = v;
      return this;
    }

    public Builder projected(ProjectedVolumeSource v) {
      projected = v;
      return this;
    }

    public Builder quobyte(QuobyteVolumeSource v) {
      quobyte = v;
      return this;
    }

    public Builder rbd(RBDVolumeSource v) {
      rbd = v;
      return this;
    }

    public Builder scaleIO(ScaleIOVolumeSource v) {
      scaleIO = v;
      return this;
    }

    public Builder storageos(StorageOSVolumeSource v) {
      storageos = v;
      return this;
    }

    public Builder vsphereVolume(VsphereVirtualDiskVolumeSource v) {
      vsphereVolume = v;
      return this;
    }

    public Volume build() {
      return new Volume(name, emptyDir, hostPath, configMap, secret, persistentVolumeClaim, awsElasticBlockStore,
          azureDisk, azureFile, cephfs, cinder, csi, downwardAPI, ephemeral, fc, flexVolume, flocker,
          gcePersistentDisk, gitRepo, glusterfs, image, iscsi, nfs, photonPersistentDisk, portworxVolume, projected,
          quobyte, rbd, scaleIO, storageos, vsphereVolume);
    }
  }
}
